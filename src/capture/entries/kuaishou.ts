// ISOLATED content script for kuaishou pages (built as its own IIFE bundle).
import { kuaishou } from '../../platforms/kuaishou';
import { startCapture } from '../bootstrap';

startCapture(kuaishou);
