import { render } from 'preact';
import { App } from './app';
import './options.css';

document.documentElement.lang = navigator.language.startsWith('zh') ? 'zh-CN' : 'en';
render(<App />, document.getElementById('app')!);
