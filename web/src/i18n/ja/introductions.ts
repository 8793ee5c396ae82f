/** Japanese texts: the introductions log (紹介の記録, intro.*) and the map's context menu (ctx.*). */
export const jaIntroductions = {
  'panel.introductions': '紹介の記録',
  'intro.intro':
    '記録した紹介の一覧です（新しい順）。状態を進める（承諾 → 紹介済み）、見送りを取り消す、メモを書き足すことができます。紹介済みにすると二人の間に「知り合い」のつながりが加わり、ギャップと提案が更新されます。',
  'intro.filter': '状態',
  'intro.filter.all': 'すべて',
  'intro.recorded': '{date} 記録',
  'intro.recordedBy': '記録者: {name}',
  'intro.decided': '{date} に決定',
  'intro.deleted': '（削除された人）',
  'intro.note': 'メモ',
  'intro.note.edit': 'メモを書く',
  'intro.note.help':
    'この紹介についてのメモです。保存すると、いまのメモがこの内容に置き換わります。',
  'intro.note.save': 'メモを保存',
  'intro.note.cancel': 'やめる',
  'intro.note.saved': 'メモを保存しました。',
  'intro.move.accepted': '承諾にする',
  'intro.move.made': '紹介済みにする',
  'intro.move.declined': '見送る',
  'intro.move.suggested': '提案に戻す',
  'intro.move.unaccept': '承諾を取り消す',
  'intro.move.undo': '見送りを取り消す',
  'intro.move.undoToAccepted': '見送りを取り消して承諾に',
  'intro.move.unmake': '紹介済みを取り消す（承諾に戻す）',
  'intro.move.unmake.help':
    'まだ会っていなかったときの訂正です。この紹介で加わった「知り合い」のつながりは外れます（以前からのつながりは残ります）。',
  'intro.moved': '「{from}さん → {to}」を「{status}」にしました。',
  'intro.moved.tie':
    '「{from}さん → {to}」を「紹介済み」にしました。二人の間につながりが加わりました。',
  'intro.moved.untie':
    '「{from}さん → {to}」を「承諾」に戻し、紹介で加わったつながりを外しました。',
  'intro.col.recordedAt': '記録日',
  'intro.col.status': '状態',
  'intro.col.decidedAt': '決定日',
  'intro.col.recordedBy': '記録者',
  'intro.col.note': 'メモ',
  'intro.xlsx': '.xlsx で書き出す',
  'intro.xlsx.help': 'この一覧を Excel ブック（.xlsx）で保存します。',
  'intro.accepted.badge': '承諾済み',
  'intro.accepted.help':
    'この紹介は「承諾」として記録済みです。実施したら「紹介済み」にしてください。',
  // the map's context menu
  'ctx.menu': '{name} の操作',
  'ctx.detail': '詳細',
  'ctx.connect': 'つなぐ…',
  'ctx.delete': '削除…',
  'ctx.connect.cancelled': 'つなぐ相手の選択をやめました。',
  'ctx.clear': 'ハイライトを消す',
  'ctx.clear.help': '地図の強調表示（ギャップ・提案・経路）を消します（Esc）。',
} as const;
