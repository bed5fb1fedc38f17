/** What a reader sees for a supplement finding, written here independently of src/core/present.ts. */
export const NOT_IN_DOCUMENT = {
  ko: 'MSDK 문서에 없는 코드로',
  en: 'This code is not in the MSDK document',
  zh: '此错误码不在 MSDK 文档中',
} as const;

/** The table-label mark of a supplement finding. */
export const SUPPLEMENT_MARK = {
  ko: '(MSDK 문서에 없음)',
  en: '(not in the MSDK document)',
  zh: '(MSDK 文档未列出)',
} as const;
