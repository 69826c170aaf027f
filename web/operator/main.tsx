import { mountApp } from '../shared/app';
import en from '../locales/en/operator.json';
import zh from '../locales/zh-CN/operator.json';
import { App } from './App';

mountApp({ ns: 'operator', resources: { 'zh-CN': zh, en }, language: 'en', basename: '/operator', app: <App /> });
