// ISOLATED content script for douyin pages (built as its own IIFE bundle).
import { douyin } from '../../platforms/douyin';
import { startCapture } from '../bootstrap';

startCapture(douyin);
