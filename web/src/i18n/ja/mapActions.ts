/**
 * Japanese texts of the map's own actions (ctx.*): the node menu's items beyond those of
 * introductions.ts, connecting by clicking a second node, and the messages of both.
 */
export const jaMapActions = {
  'ctx.edit': '編集…',
  'ctx.menu.hint':
    '地図の点を右クリック（タッチ画面では長押し）すると、その点の操作メニューが開きます。',
  'ctx.connect.banner': 'つなぐ相手をクリックしてください（Escで取り消し）',
  'ctx.connect.from': '{name} から',
  'ctx.connect.cancel': '取り消し',
  'ctx.connect.noTie':
    '{from}と{to}の間には、登録できるつながりの種類がありません。別の相手をクリックしてください。',
  'ctx.connect.notYours':
    '{from}と{to}のつながりは、担当地域のデータとのつながりでないため登録できません。別の相手をクリックしてください。',
} as const;
