/** Japanese texts: the overview of regions (地域の全体図, overview.*), drawn for 「すべて」 on a large store. */
export const jaOverview = {
  'overview.label': '地域の全体図',
  'overview.intro':
    'すべての地域を一度に地図にするには大きすぎるため、地域ごとにまとめて表示しています。円の大きさは人数、線の太さは地域をまたぐつながりの数です。地域をクリックするとその地域の地図を開きます。',
  'overview.legend.size': '円の大きさ＝人数',
  'overview.legend.width': '線の太さ＝地域をまたぐ知り合い・共通の機関・共通の人の数',
  'overview.region':
    '{name}: 人物 {persons}人（うちキーパーソン群に登録 {key}人、人材 {talent}人）・支援機関 {orgs}・中小企業 {smes}社・地域内の知り合い {ties}件',
  'overview.link':
    '{a} ⇔ {b}: 地域をまたぐ知り合い {ties}件・両方に属する支援機関 {orgs}・両方に属する人 {persons}人',
  'overview.open': '{name} の地図を開く',
  'overview.stats': '{regions}地域・地域間のつながり {links}組',
  'overview.hint': '地域にカーソルを合わせると数が、クリックするとその地域の地図が表示されます。',
  'overview.loading': '地域の全体図を読み込み中…',
} as const;
