// An RFC 4180 reader shared by the unit and e2e tests, only to prove the CSV export parses back.

/** Quoted fields may hold commas, CR/LF and doubled quotes; rows end with CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * What the CSV export writes for a recorded text value (OWASP's CSV-injection neutralisation): a
 * leading `'` when the text starts with `=`, `+`, `-`, `@`, a tab or a CR; otherwise the text itself.
 * Written out here on purpose, rather than imported from lib/audit/export.ts, so the tests state
 * the rule instead of repeating whatever the code does.
 */
export function csvTextCell(text: string): string {
  const first = text.charAt(0);
  return ["=", "+", "-", "@", "\t", "\r"].includes(first) ? `'${text}` : text;
}
