/**
 * The .xlsx writer lives in common/xlsx.ts: the server (templates, a region's export) and the
 * web app (the introductions log's download) write workbooks with the same code.
 */
export * from '../../../common/xlsx';
