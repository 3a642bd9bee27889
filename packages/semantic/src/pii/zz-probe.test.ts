import { it } from 'vitest';
import { detectPii } from './detect-pii';
import { redactPii } from './redact-pii';
import { checkBrandSafety } from '../brand-safety/check-brand-safety';
const cases = [
  '"john doe"@example.com', 'josé@example.com', 'jo@bücher.de', 'jo@例え.jp', 'jö@ex.рф', 'mailto:jo@example.com',
  'jo [at] example [dot] com', 'jo(at)example(dot)com', 'jo at example dot com',
  '4111\n1111\n1111\n1111', '4111\r\n1111\r\n1111\r\n1111', '4111\t1111\t1111\t1111', '4111 - 1111 - 1111 - 1111', '4111  1111  1111  1111',
  '4111 1111-1111.1111', '3782 822463 10005', '3056 930902 5904', '36227206271667',
  'fr76 3000 6000 0112 3456 7890 189', 'nl91 abna 0417 1643 00', 'es91 2100 0418 4502 0005 1332', 'it60 x054 2811 1010 0000 0123 456', 'ch93 0076 2011 6238 5295 7', 'gb29 nwbk 6016 1331 9268 19',
  '+14155550100', '+44 (0)20 7946 0958', '020 7946 0958', '415-555-0100', '1-800-555-0199', '+49 30 12345678', '+33 6 12 34 56 78', '(555) 123-4567',
  JSON.stringify(JSON.stringify({ e: 'jo@example.com', c: '4111 1111 1111 1111' })),
  '4\u0301111 1111 1111 1111', 'jo\u0301@example.com', '\u202e1111 1111 1111 1114', '\u{1F600}jo@example.com\u{1F600}',
  'a\u{1D7D2}\u{1D7CF}\u{1D7CF}\u{1D7CF}1111111111111\u{1F600}',
];
it('probe', () => {
  for (const c of cases) {
    const f = detectPii(c);
    console.log(JSON.stringify(c), '=>', JSON.stringify(f.map((x) => [x.kind, x.value])), JSON.stringify(redactPii(c)));
  }
  for (const t of ['f u c k you', 'f.u.c.k', 'fμck', 'sh!t', 'b1tch', 'id10t', 'f*ck', 'ｆｕｃｋ', 'f\u0301uck', 'fúck', 'phuck', 'a$$hole', 'f-u-c-k', 'F U C K']) {
    console.log(JSON.stringify(t), checkBrandSafety(t).map((x) => x.match));
  }
});
