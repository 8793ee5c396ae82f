/** Japanese texts: the map's option to count or leave out the survey's unconfirmed ties (unconfirmed.*). */
export const jaUnconfirmed = {
  'unconfirmed.toggle': '未確認のつながりを含める',
  'unconfirmed.count': '（{n}本）',
  'unconfirmed.help':
    '未確認のつながりとは、つながり調査で二人のうち一方だけが「知っている」と答えたつながりです（地図では破線）。両方が答えたものは確認済み（実線）です。外すと、地図とキーパーソン群・ギャップ・紹介の提案・影響分析の数字は、確認済みのつながりと調査以外で記録されたつながりだけで計算されます。',
} as const;
