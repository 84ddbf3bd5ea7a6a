/** The appraisal and explanation findings name the agency and the item, in both languages. */
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/findings/finding.js';
import { renderMessage } from '../../src/messages/index.js';

describe('appraisal and explanation findings name the agency and the item', () => {
  it('in both languages', () => {
    const fs = [
      finding(
        'ROUND_APPRAISAL_NO_REASON',
        { file: 'a.xlsx', cell: 'K12' },
        { agency: 'SNV', item: '1.1.2', value: '0.5' },
      ),
      finding(
        'ROUND_APPRAISAL_OUT_OF_RANGE',
        { file: 'a.xlsx', cell: 'K13' },
        { agency: 'SNV', item: '1.1.2', value: '3', max: '1' },
      ),
      finding(
        'ROUND_EXPLANATION_NOT_ADJUSTED',
        { file: 'g.xlsx', cell: 'J2' },
        { agency: 'SNV', item: '1.1.2', round: 1 },
      ),
      finding(
        'ROUND_STAGE_LATE',
        { file: 'g.xlsx', cell: 'L2' },
        { stage: 'explanation', number: 1, agency: 'SNV', item: '1.1.2', date: '2026-02-01', deadline: '2026-01-25' },
      ),
    ];
    for (const f of fs) {
      expect(renderMessage(f, 'vi')).toContain('Cơ quan SNV, tiêu chí 1.1.2');
      expect(renderMessage(f, 'en')).toContain('Agency SNV, item 1.1.2');
    }
  });
});
