/**
 * Limits of what an upload (the web import) may hold, and the refusal when one is broken. A
 * refused upload is read no further and nothing is written; the message says which limit, and
 * what to do, in Japanese and English.
 */
import { MAX_UPLOAD_BYTES } from '../../common/importAnswer';

export interface UploadLimits {
  /** Bytes of all files of one upload together (default 20 MB). */
  maxBytes: number;
  /** Files in one upload (a folder of CSV files). */
  maxFiles: number;
  /** Data rows over every file and sheet of one upload. */
  maxRows: number;
  /** Columns of one sheet or file. */
  maxColumns: number;
  /** Bytes of one workbook unpacked (every part it reads together). */
  maxUnpackedBytes: number;
  /** Unpacked ÷ packed size of one part of a workbook, checked once a part passes 1 MB. */
  maxRatio: number;
  /** Parts (files inside the zip) of one workbook. */
  maxParts: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: MAX_UPLOAD_BYTES,
  maxFiles: 60,
  maxRows: 400_000,
  maxColumns: 200,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  maxParts: 2_000,
};

/** Why an upload is refused before any row is read (status: 413 for size, else 400). */
export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
