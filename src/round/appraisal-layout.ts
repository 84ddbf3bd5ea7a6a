/**
 * The columns of an appraisal workbook (thẩm định): written by the workbook the round hands to the
 * appraisers (`report/appraisal-template.ts`), read back by the appraisal tables (`tables.ts`).
 */
/** Column keys in order; the reader finds them by header text, so order may change. */
export const APPRAISAL_COLUMNS = [
  'agencyCode',
  'agencyName',
  'itemCode',
  'title',
  'max',
  'selfInputs',
  'selfPoints',
  'evidence',
  'explanation',
  'current',
  'appraised',
  'reason',
  'date',
] as const;
export type AppraisalColumn = (typeof APPRAISAL_COLUMNS)[number];

/** Header texts; the reader accepts either language. */
export const APPRAISAL_HEADERS: Record<AppraisalColumn, { vi: string; en: string }> = {
  agencyCode: { vi: 'Mã cơ quan', en: 'Agency code' },
  agencyName: { vi: 'Tên cơ quan', en: 'Agency name' },
  itemCode: { vi: 'Mã tiêu chí', en: 'Item code' },
  title: { vi: 'Nội dung tiêu chí', en: 'Item' },
  max: { vi: 'Điểm tối đa', en: 'Maximum' },
  selfInputs: { vi: 'Số liệu tự đánh giá', en: 'Self-assessed data' },
  selfPoints: { vi: 'Điểm tự chấm', en: 'Self-score' },
  evidence: { vi: 'Tài liệu kiểm chứng', en: 'Evidence' },
  explanation: { vi: 'Giải trình', en: 'Explanation' },
  current: { vi: 'Điểm hiện tại', en: 'Points so far' },
  appraised: { vi: 'Điểm thẩm định', en: 'Appraised points' },
  reason: { vi: 'Lý do điều chỉnh', en: 'Reason for change' },
  date: { vi: 'Ngày thẩm định', en: 'Date of appraisal' },
};

export const APPRAISAL_SHEET = { vi: 'Thẩm định', en: 'Appraisal' } as const;
