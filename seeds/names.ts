/**
 * Word lists for fictional people and companies. Every generated person and SME is fictional;
 * names are common Japanese names combined at random, with a romanisation for e-mail addresses.
 */

/** [kanji, romaji] — common surnames. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'],
  ['伊藤', 'ito'], ['渡辺', 'watanabe'], ['山本', 'yamamoto'], ['中村', 'nakamura'],
  ['小林', 'kobayashi'], ['加藤', 'kato'], ['吉田', 'yoshida'], ['山田', 'yamada'],
  ['佐々木', 'sasaki'], ['山口', 'yamaguchi'], ['松本', 'matsumoto'], ['井上', 'inoue'],
  ['木村', 'kimura'], ['林', 'hayashi'], ['斎藤', 'saito'], ['清水', 'shimizu'],
  ['山崎', 'yamazaki'], ['森', 'mori'], ['池田', 'ikeda'], ['橋本', 'hashimoto'],
  ['阿部', 'abe'], ['石川', 'ishikawa'], ['山下', 'yamashita'], ['中島', 'nakajima'],
  ['石井', 'ishii'], ['小川', 'ogawa'], ['前田', 'maeda'], ['岡田', 'okada'],
  ['長谷川', 'hasegawa'], ['藤田', 'fujita'], ['後藤', 'goto'], ['近藤', 'kondo'],
  ['村上', 'murakami'], ['遠藤', 'endo'], ['青木', 'aoki'], ['坂本', 'sakamoto'],
  ['斉藤', 'saito'], ['福田', 'fukuda'], ['太田', 'ota'], ['西村', 'nishimura'],
  ['藤井', 'fujii'], ['金子', 'kaneko'], ['岡本', 'okamoto'], ['藤原', 'fujiwara'],
  ['中野', 'nakano'], ['三浦', 'miura'], ['原田', 'harada'], ['中川', 'nakagawa'],
  ['松田', 'matsuda'], ['竹内', 'takeuchi'], ['小野', 'ono'], ['田村', 'tamura'],
  ['中山', 'nakayama'], ['和田', 'wada'], ['石田', 'ishida'], ['上田', 'ueda'],
  ['丸山', 'maruyama'], ['小池', 'koike'], ['関', 'seki'], ['百瀬', 'momose'],
  ['小松', 'komatsu'], ['星野', 'hoshino'], ['高野', 'takano'], ['内山', 'uchiyama'],
];

/** [kanji, romaji] — given names. */
export const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ['太郎', 'taro'], ['一郎', 'ichiro'], ['健太', 'kenta'], ['翔太', 'shota'],
  ['大輔', 'daisuke'], ['拓也', 'takuya'], ['直樹', 'naoki'], ['誠', 'makoto'],
  ['浩二', 'koji'], ['隆', 'takashi'], ['修', 'osamu'], ['悠人', 'yuto'],
  ['蓮', 'ren'], ['陽翔', 'haruto'], ['亮', 'ryo'], ['和也', 'kazuya'],
  ['智也', 'tomoya'], ['雄一', 'yuichi'], ['聡', 'satoshi'], ['剛', 'tsuyoshi'],
  ['正人', 'masato'], ['洋平', 'yohei'], ['俊介', 'shunsuke'], ['達也', 'tatsuya'],
  ['花子', 'hanako'], ['美咲', 'misaki'], ['陽子', 'yoko'], ['恵子', 'keiko'],
  ['由美', 'yumi'], ['真由美', 'mayumi'], ['裕子', 'yuko'], ['彩', 'aya'],
  ['愛', 'ai'], ['結衣', 'yui'], ['さくら', 'sakura'], ['葵', 'aoi'],
  ['千尋', 'chihiro'], ['明美', 'akemi'], ['直子', 'naoko'], ['香織', 'kaori'],
  ['麻衣', 'mai'], ['沙織', 'saori'], ['舞', 'mai'], ['優子', 'yuko'],
  ['早苗', 'sanae'], ['美穂', 'miho'], ['智子', 'tomoko'], ['奈々', 'nana'],
];

/** Company name stems: a family name, a place word or a lucky word. */
export const COMPANY_STEMS: readonly string[] = [
  '山田', '丸八', '大和', '昭和', '信濃', '北辰', '三和', '東洋', '富士', '共栄', '旭', '松栄',
  '日進', '光和', '大栄', '中央', '千代田', '朝日', '若葉', '桜井', '宮坂', '伊藤', '小林',
  '金井', '上條', '百瀬', '青木', '高木', '北斗', 'みどり', 'ひかり', 'つばさ', 'あおば',
  'やまびこ', 'なごみ', 'いろは', '一心', '誠和', '協和', '栄光', '藤屋', '丸三', '角屋',
];

/** [company suffix, industry]: the suffix tells the industry, as real names usually do. */
export const COMPANY_KINDS: readonly (readonly [string, string])[] = [
  ['製作所', '製造業'], ['精機', '製造業'], ['工業', '製造業'], ['電機', '製造業'],
  ['金属', '製造業'], ['化成', '製造業'], ['食品', '製造業'], ['酒造', '製造業'],
  ['建設', '建設業'], ['工務店', '建設業'], ['設備', '建設業'],
  ['商店', '小売業'], ['ストア', '小売業'], ['薬局', '小売業'],
  ['商事', '卸売業'], ['物産', '卸売業'],
  ['運輸', '運輸業'], ['交通', '運輸業'],
  ['食堂', '飲食業'], ['珈琲店', '飲食業'],
  ['旅館', '宿泊業'], ['ホテル', '宿泊業'],
  ['システム', '情報通信業'], ['ソフト', '情報通信業'],
  ['農園', '農業'], ['ファーム', '農業'],
  ['印刷', 'サービス業'], ['クリーニング', 'サービス業'],
  ['介護サービス', '医療・福祉'], ['ケアセンター', '医療・福祉'],
];

export const LEGAL_FORMS: readonly string[] = ['株式会社', '株式会社', '株式会社', '有限会社', '合同会社'];

/** Titles of an SME's staff; the first is the owner. */
export const SME_TITLES: readonly string[] = [
  '代表取締役', '専務取締役', '常務取締役（後継者候補）', '総務部長', '工場長', '営業部長',
  '人事・総務担当', '店長', '経理課長',
];
