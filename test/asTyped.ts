/**
 * Text that must survive every save byte for byte (SPEC §10 "text is stored as typed"):
 * full-width brackets, letters and digits, ㈱, 髙 and 𠮷 (outside the BMP), and an emoji
 * sequence joined by ZWJ.
 */
export const AS_TYPED = '（テスト）ＡＢＣ１２３㈱髙橋𠮷田 👩‍💼';
