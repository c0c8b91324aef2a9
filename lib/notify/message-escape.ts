import "server-only";
// Escaping of user text (task names, reasons, user names) for each platform's markup, so a reason
// cannot add a link, an image, a mention, a heading or a font tag to a message.
//
// DingTalk's and WeCom's markdown are undocumented subsets whose backslash escapes are not
// specified, so a backslash cannot be trusted to neutralise anything there. Instead each
// character that markup is made of becomes its full-width twin (U+FF01…): it reads the same to
// a person, Chinese text uses these forms anyway, and no markdown renderer treats them as syntax.
// Parentheses and "!" stay: without "[" and "]" they make neither a link nor an image.
// "://" is broken the same way, so a bare URL in a reason is not turned into a link. Line breaks
// become spaces: a fact is one line, and a new line is where block syntax (#, >, -, 1.) starts.
//
// Slack documents its escaping: &, < and > as entities (mentions and links are written <…>),
// with `verbatim` on the text object so bare URLs and names are not linked either.

const FULL_WIDTH: Record<string, string> = {
  "\\": "＼",
  "`": "｀",
  "*": "＊",
  _: "＿",
  "~": "～",
  "[": "［",
  "]": "］",
  "<": "＜",
  ">": "＞",
  "#": "＃",
  "|": "｜",
  "@": "＠",
  "&": "＆",
};
const MARKUP = /[\\`*_~[\]<>#|@&]/g;

/** One line of user text for DingTalk or WeCom markdown: nothing in it is markup any more. */
export function escapeChatMarkdown(value: string): string {
  return value
    .replace(/\r\n|[\r\n\u2028\u2029]+/g, " ")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "")
    .replace(MARKUP, (character) => FULL_WIDTH[character] ?? character)
    .replace(/:\/\//g, "：//")
    .trim();
}

/** User text for Slack mrkdwn (use with `verbatim: true`). */
export function escapeSlack(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Plain text for fields no platform parses (Feishu's post `text` elements, Slack plain_text). */
export function plainText(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "");
}
