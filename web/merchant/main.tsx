import { mountApp } from '../shared/app';
import en from '../locales/en/merchant.json';
import zh from '../locales/zh-CN/merchant.json';
import { App } from './App';

mountApp({ ns: 'merchant', resources: { 'zh-CN': zh, en }, language: 'en', basename: '/merchant', app: <App /> });
