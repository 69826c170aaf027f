import { mountApp } from '../shared/app';
import en from '../locales/en/storefront.json';
import zh from '../locales/zh-CN/storefront.json';
import { App } from './App';

mountApp({ ns: 'storefront', resources: { 'zh-CN': zh, en }, language: 'zh-CN', basename: '/', app: <App /> });
