/** The landing page: what is in the database, in Japanese and English (until the web map). */

export interface DeptOverview {
  id: string;
  name: string;
  phase: string | null;
  lead: string | null;
  regions: string[];
  members: string[];
}

const LABEL_NAMES: Record<string, string> = {
  Region: '地域 / Regions',
  RegionalHRDept: '地域の人事部 / Regional HR depts',
  Organization: '支援機関・組織 / Organisations',
  SME: '地域中小企業 / SMEs',
  Person: '人物 / Persons',
  KeyPerson: 'キーパーソン（申告）/ Declared key persons',
  Talent: '兼業・副業人材等 / Talent',
  Skill: 'スキル / Skills',
  Challenge: '経営課題 / Challenges',
  Event: 'イベント / Events',
  Introduction: '紹介 / Introductions',
};

function esc(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function renderLandingPage(counts: Record<string, number>, depts: DeptOverview[]): string {
  const countRows = Object.entries(LABEL_NAMES)
    .map(([label, name]) => `<tr><th>${esc(name)}</th><td>${esc(counts[label] ?? 0)}</td></tr>`)
    .join('');
  const deptRows = depts
    .map(
      (d) =>
        `<tr><td>${esc(d.regions.join('・'))}</td><td>${esc(d.lead ?? '—')}</td><td>${esc(
          d.members.join('、'),
        )}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>地域の人事部 ナレッジグラフ</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,"Noto Sans JP",sans-serif;margin:2rem;max-width:70rem;line-height:1.6;color:#1a1a1a}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}</style></head>
<body>
<h1>地域の人事部 ナレッジグラフ <small>chiiki-jinjibu</small></h1>
<p>キーパーソン、支援機関、地域中小企業、兼業・副業人材のつながりを Neo4j に収めています。
ネットワーク地図と分析画面は準備中です。<br>
The knowledge graph of key persons, support organisations, SMEs and talent is loaded; the network
map and analytics views are coming.</p>
<h2>データ / What is in the database</h2>
<table>${countRows}</table>
<h2>地域の人事部 / Regional HR departments</h2>
<table><tr><th>地域 / Region</th><th>主体組織 / Lead</th><th>構成機関 / Members</th></tr>${deptRows}</table>
<p><a href="/healthz">/healthz</a></p>
</body></html>`;
}
