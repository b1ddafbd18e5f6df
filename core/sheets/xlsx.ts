/**
 * Excel sheets (exceljs): writing a workbook from columns and rows (exports: the register as
 * the paper 《党员群众意见建议记录表》, ledgers, rankings) and reading one sheet back by its
 * header row (imports: households). Only the functions that export or import load this.
 */
import type { Buffer as ExcelBuffer, CellValue as ExcelCellValue } from 'exceljs';

/**
 * exceljs is loaded on first use: the functions that never export or import do not pay for it.
 * Loaded as an ES module (tsx, which `npm start` runs) the CommonJS package's exports sit under
 * `default`; bundled or under jest they are the namespace itself.
 */
type ExcelModule = typeof import('exceljs');
const excel = async (): Promise<ExcelModule> => {
  const m = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return m.default && typeof m.default.Workbook === 'function' ? m.default : m;
};

export interface Column<K extends string = string> {
  key: K;
  header: string;
  /** Characters, roughly. */
  width?: number;
}

export type CellValue = string | number | null;

export interface SheetSpec<K extends string = string> {
  name: string;
  /** Lines above the header (a title, the period): each a merged row. */
  title?: string[];
  columns: ReadonlyArray<Column<K>>;
  rows: ReadonlyArray<Record<K, CellValue>>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook of these sheets, as the bytes of an .xlsx file. */
export async function writeWorkbook(sheets: ReadonlyArray<SheetSpec>): Promise<Buffer> {
  const { Workbook } = await excel();
  const wb = new Workbook();
  wb.creator = '党代表工作室';
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name.slice(0, 31));
    const width = spec.columns.length;
    for (const line of spec.title ?? []) {
      const row = ws.addRow([line]);
      ws.mergeCells(row.number, 1, row.number, Math.max(1, width));
      row.font = { bold: row.number === 1, size: row.number === 1 ? 14 : 11 };
      row.alignment = { horizontal: 'center' };
    }
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => {
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
    spec.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width ?? Math.max(8, c.header.length * 2 + 2);
    });
    for (const r of spec.rows) {
      const row = ws.addRow(spec.columns.map((c) => r[c.key] ?? ''));
      row.alignment = { vertical: 'top', wrapText: true };
    }
    ws.views = [{ state: 'frozen', ySplit: header.number }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReadRow<K extends string> {
  /** The row's number in the sheet, as Excel shows it (for error messages). */
  row: number;
  values: Record<K, string>;
}

export interface ReadResult<K extends string> {
  rows: Array<ReadRow<K>>;
  /** Headers of the columns that were expected and not found. */
  missing: string[];
}

const cellText = (v: ExcelCellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result).trim();
    if (v instanceof Date) return v.toISOString();
    return '';
  }
  return String(v).trim();
};

/**
 * Reads a sheet of an .xlsx file (the first unless named): finds the header row (the first row naming all the
 * required headers, within the first 10 rows), then answers every non-empty row below it as
 * text by column key. Throws only for bytes that are not an .xlsx file.
 */
export async function readSheet<K extends string>(bytes: Buffer, columns: ReadonlyArray<Column<K> & { required?: boolean }>, sheetName?: string): Promise<ReadResult<K>> {
  const { Workbook } = await excel();
  const wb = new Workbook();
  // exceljs's typings predate Node's generic Buffer
  await wb.xlsx.load(bytes as unknown as ExcelBuffer);
  const ws = sheetName ? wb.getWorksheet(sheetName) ?? wb.worksheets[0] : wb.worksheets[0];
  if (!ws) return { rows: [], missing: columns.filter((c) => c.required !== false).map((c) => c.header) };
  let headerRow = 0;
  let positions = new Map<K, number>();
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const found = new Map<K, number>();
    ws.getRow(r).eachCell((cell, col) => {
      const c = columns.find((x) => x.header === cellText(cell.value));
      if (c) found.set(c.key, col);
    });
    if (columns.filter((c) => c.required !== false).every((c) => found.has(c.key))) {
      headerRow = r;
      positions = found;
      break;
    }
    if (found.size > positions.size) positions = found;
  }
  if (!headerRow) return { rows: [], missing: columns.filter((c) => c.required !== false && !positions.has(c.key)).map((c) => c.header) };
  const rows: Array<ReadRow<K>> = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = {} as Record<K, string>;
    for (const c of columns) values[c.key] = positions.has(c.key) ? cellText(row.getCell(positions.get(c.key) as number).value) : '';
    if (Object.values<string>(values).some((v) => v !== '')) rows.push({ row: r, values });
  }
  return { rows, missing: [] };
}
