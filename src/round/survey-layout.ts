/**
 * The columns of the survey-points workbook (điểm điều tra xã hội học): written by
 * `parindex survey-template` (`report/survey-template.ts`), read back by `score` as a survey points
 * table (`tables.ts`), like survey/diem-dieu-tra.csv.
 */
/** Column keys in order; the reader finds them by header text, so order may change. */
export const SURVEY_COLUMNS = [
  'agencyCode',
  'agencyName',
  'itemCode',
  'title',
  'max',
  'share',
  'points',
  'sample',
  'note',
] as const;
export type SurveyColumn = (typeof SURVEY_COLUMNS)[number];

/** Header texts; the reader accepts either language. */
export const SURVEY_HEADERS: Record<SurveyColumn, { vi: string; en: string }> = {
  agencyCode: { vi: 'Mã cơ quan', en: 'Agency code' },
  agencyName: { vi: 'Tên cơ quan', en: 'Agency name' },
  itemCode: { vi: 'Mã tiêu chí', en: 'Item code' },
  title: { vi: 'Nội dung tiêu chí', en: 'Item' },
  max: { vi: 'Điểm tối đa', en: 'Maximum' },
  share: { vi: 'Tỷ lệ hài lòng', en: 'Satisfaction share' },
  points: { vi: 'Điểm điều tra', en: 'Survey points' },
  sample: { vi: 'Cỡ mẫu', en: 'Sample size' },
  note: { vi: 'Ghi chú', en: 'Note' },
};

export const SURVEY_SHEET = { vi: 'Điều tra XHH', en: 'Survey' } as const;
