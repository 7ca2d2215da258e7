// Taobao's result builder: the shared one (../shared/result-builder.ts) plus its transit_step.do follow-up.
import type { FollowUpPriority, ParseResult } from '../types';
import { guarded as sharedGuarded, ResultBuilder as SharedResultBuilder } from '../shared/result-builder';
import type { Source } from '../../core/model';
import { transitStepUrl } from './urls';

export class ResultBuilder extends SharedResultBuilder {
  /** Ask the content script to read this order's transit_step.do (one per order; open orders before finished). */
  followUp(orderId: string, priority: FollowUpPriority = 'open'): void {
    this.addFollowUp({ kind: 'taobao_transit_step', orderId, url: transitStepUrl(orderId), priority });
  }
}

export const guarded = (source: Source, what: string, run: () => ParseResult): ParseResult => sharedGuarded('taobao', source, what, run);
