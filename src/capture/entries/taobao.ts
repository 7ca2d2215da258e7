// ISOLATED content script for taobao pages (built as its own IIFE bundle).
import { taobao } from '../../platforms/taobao';
import { startCapture } from '../bootstrap';

startCapture(taobao);
