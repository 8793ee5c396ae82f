/**
 * The parts of a zip archive (an .xlsx workbook), unpacked within limits. The central directory
 * is read as the zip format defines it; each wanted part is inflated by fflate's streaming
 * Inflate in small steps, counting what comes out, so a part that unpacks to more than the
 * limits allow (a zip bomb, or sizes in the directory that lie) is stopped at once, whatever its
 * directory entry claims. Encrypted parts and ZIP64 archives (over 4 GB) are refused.
 */
import { Inflate } from 'fflate';
import { UploadRefused, megabytes, type UploadLimits } from '../limits';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  packed: number;
  /** As the directory says (checked while unpacking, never trusted). */
  declared: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes handed to the inflater per step: one step unpacks to at most ~16 MB. */
const STEP = 16 * 1024;
const RATIO_FROM = 1024 * 1024;

function notZip(what: string): UploadRefused {
  return new UploadRefused(
    `is not a readable .xlsx workbook (${what}); save it again from Excel as "Excel ブック (*.xlsx)" / Excel ブック（.xlsx）として保存し直してください`,
  );
}

/** The entries of the central directory. */
export function zipEntries(bytes: Uint8Array, limits: Pick<UploadLimits, 'maxParts'>): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip('no zip directory');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw notZip('ZIP64 archives are not read');
  if (count > limits.maxParts) {
    throw new UploadRefused(
      `has ${count.toLocaleString('en')} parts inside (at most ${limits.maxParts.toLocaleString('en')}); this is not a workbook as Excel writes it / ブックの中身が多すぎます`,
    );
  }
  if (offset + size > bytes.length) throw notZip('the zip directory is cut off');
  const out: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL)
      throw notZip('a broken zip directory');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const packed = view.getUint32(p + 20, true);
    const declared = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (packed === 0xffffffff || declared === 0xffffffff || localOffset === 0xffffffff)
      throw notZip('ZIP64 archives are not read');
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    out.push({ name, method, flags, packed, declared, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The unpacker of one archive: parts are unpacked on demand, all counted against one budget. */
export class ZipReader {
  readonly entries: Map<string, ZipEntry>;
  private unpacked = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: UploadLimits,
  ) {
    this.entries = new Map(zipEntries(bytes, limits).map((e) => [e.name, e]));
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The bytes of a part, or null when the archive has no such part. */
  read(name: string): Uint8Array | null {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.flags & 1) {
      throw new UploadRefused(
        'is protected with a password; remove the password in Excel and upload it again / パスワードを解除してから取り込んでください',
      );
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = e.localOffset;
    if (at + 30 > this.bytes.length || view.getUint32(at, true) !== LOCAL)
      throw notZip(`part ${name} is missing`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = this.bytes.subarray(start, start + e.packed);
    if (data.length < e.packed) throw notZip(`part ${name} is cut off`);
    if (e.method === 0) {
      this.count(name, data.length, data.length);
      this.unpacked += data.length;
      return data;
    }
    if (e.method !== 8) throw notZip(`part ${name} uses compression method ${e.method}`);
    const chunks: Uint8Array[] = [];
    let got = 0;
    const inflate = new Inflate((chunk) => {
      got += chunk.length;
      chunks.push(chunk);
    });
    try {
      for (let i = 0; i < data.length; i += STEP) {
        inflate.push(data.subarray(i, Math.min(data.length, i + STEP)), i + STEP >= data.length);
        this.count(name, got, Math.min(data.length, i + STEP));
      }
      if (data.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof UploadRefused) throw err;
      throw notZip(`part ${name} does not unpack: ${(err as Error).message}`);
    }
    this.unpacked += got;
    const out = new Uint8Array(got);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  /** Refuses the archive once a part, or all parts together, unpack past the limits. */
  private count(name: string, got: number, packedSoFar: number): void {
    if (this.unpacked + got > this.limits.maxUnpackedBytes) {
      throw new UploadRefused(
        `unpacks to more than ${megabytes(this.limits.maxUnpackedBytes)} (part ${name}); a workbook this large cannot be imported at once — split it / 展開後のサイズが上限を超えています（ファイルを分けてください）`,
        413,
      );
    }
    if (got > RATIO_FROM && got > this.limits.maxRatio * Math.max(1, packedSoFar)) {
      throw new UploadRefused(
        `part ${name} unpacks more than ${this.limits.maxRatio} times its packed size, as a zip bomb does; it is not read / 圧縮率が異常なため読み込みません（zip 爆弾の疑い）`,
      );
    }
  }
}
