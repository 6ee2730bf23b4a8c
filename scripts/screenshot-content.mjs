// Demo community for scripts/screenshots.mjs: a Japanese-default support community with some
// English, staff answers, sub-categories, a pinned announcement, an unanswered question, a very
// long title and a long unbroken username and URL (to catch layout overflow).

/** People besides the admin. `name`/`title` are applied after creation (the CLI sets neither). */
export const USERS = [
  { username: "hanako", name: "佐藤 花子", title: "サポートチーム", staff: true },
  { username: "ichiro", name: "田中 一郎", title: "" },
  { username: "emily", name: "Emily Carter", title: "Power user" },
  { username: "kenji", name: "山本 健二", title: "" },
  { username: "qa_dept_manufacturing_team01", name: "", title: "" },
];

export const ADMIN = { username: "admin", name: "ひろば運営事務局", title: "コミュニティマネージャー" };

/** Categories created through the API (the two starter categories already exist). */
export const CATEGORIES = [
  { key: "howto", name: "使い方ガイド", slug: "howto", description: "製品の基本的な使い方、設定、トラブルシューティングについての質問はこちらへ。", color: "#059669" },
  { key: "install", parent: "howto", name: "インストール", slug: "install", description: "インストールとアップデート", color: "#0891b2" },
  { key: "settings", parent: "howto", name: "設定", slug: "settings", description: "アカウントと通知の設定", color: "#7c3aed" },
  { key: "ideas", name: "アイデア・要望", slug: "ideas", description: "新機能のアイデアや改善のご要望をお寄せください。投票の多いものから検討します。", color: "#d97706" },
  { key: "english", name: "English Corner", slug: "english", description: "Questions and discussion in English. Our team answers here too.", color: "#4f46e5" },
];

/**
 * Topics in creation order. `ago` is minutes before "now" for the first post; each reply has its
 * own `ago`. The screenshot script rewrites the stored times so the community looks lived-in.
 */
export const TOPICS = [
  {
    key: "release",
    by: "admin",
    category: "announcements",
    pinned: true,
    views: 412,
    ago: 60 * 24 * 3,
    title: "バージョン 3.2 をリリースしました",
    tags: ["リリース", "お知らせ"],
    body: "いつもご利用いただきありがとうございます。本日、**バージョン 3.2** を公開しました。\n\n主な変更点：\n\n- ダークモードに対応しました\n- 検索が日本語の 2 文字の単語（「設定」「通知」など）でも正確にヒットするようになりました\n- CSV エクスポートの文字化けを修正しました\n\nアップデートの手順は[移行ガイド](https://example.com/docs/upgrade)をご覧ください。",
    replies: [
      { by: "ichiro", ago: 60 * 24 * 3 - 40, body: "アップデートありがとうございます！ダークモードを待っていました。夜の作業がとても楽になります。" },
      { by: "emily", ago: 60 * 24 * 2, body: "Great news! Is the API change backwards compatible, or do we need to update our integration?" },
      { by: "hanako", ago: 60 * 24 * 2 - 30, body: "@emily The v1 API is unchanged, so existing integrations keep working. New fields were only added, never removed." },
    ],
  },
  {
    key: "guide",
    by: "hanako",
    category: "howto",
    pinned: true,
    views: 1320,
    ago: 60 * 24 * 20,
    title: "【はじめに】質問する前にお読みください",
    tags: ["ガイド"],
    body: "使い方ガイドへようこそ。質問を投稿する前に、次の点をご確認ください。\n\n- 製品のバージョンと OS\n- エラーメッセージ（あればそのまま貼り付けてください）\n- すでに試したこと\n\nこの情報があると、スタッフやほかのメンバーが早く回答できます。",
    replies: [],
  },
  {
    key: "installer",
    by: "ichiro",
    category: "install",
    views: 88,
    ago: 60 * 20,
    title: "Windows 11 でインストーラーが途中で止まってしまいます",
    tags: ["windows", "インストール"],
    body: "Windows 11 (23H2) にインストールしようとすると、進捗バーが 70% のところで止まってしまいます。ログには次のように出ていました。\n\n```\nERROR 0x80070643: Fatal error during installation.\n```\n\n管理者として実行しても同じでした。何か対処法はありますか？",
    replies: [
      {
        by: "hanako",
        ago: 60 * 18,
        body: "ご不便をおかけしております。このエラーは、以前のバージョンの設定ファイルが残っている場合に発生することがあります。\n\n1. `%APPDATA%\\Hiroba` フォルダの名前を変更してください\n2. PC を再起動してください\n3. もう一度インストーラーを実行してください\n\nそれでも解決しない場合は、ログファイルを添付してお知らせください。",
      },
      { by: "ichiro", ago: 60 * 17, body: "フォルダの名前を変えたら無事にインストールできました！ありがとうございます。" },
    ],
  },
  {
    key: "notify",
    by: "kenji",
    category: "settings",
    views: 23,
    ago: 95,
    title: "通知メールの送信間隔を変更する方法はありますか？",
    tags: ["通知", "メール"],
    body: "返信があるたびにメールが届くので、1 日 1 回のまとめメールにしたいのですが、設定画面に該当する項目が見つかりません。どこで変更できますか？",
    replies: [],
  },
  {
    key: "export",
    by: "emily",
    category: "english",
    views: 140,
    ago: 60 * 30,
    title: "How do I export my data to CSV?",
    tags: ["export", "csv"],
    body: "I need a CSV of all our team's activity for a quarterly report. Is there a built-in export, or should I use the API?",
    replies: [
      {
        by: "qa_dept_manufacturing_team01",
        ago: 60 * 29,
        body: "We do this every month. Settings → Data → Export gives you a zip of CSV files. The format is documented at https://example.com/docs/export/csv/reference/columns/and/encodings/utf-8-with-bom-for-excel-compatibility",
      },
      { by: "hanako", ago: 60 * 26, body: "Thanks for sharing! One tip: choose **UTF-8 with BOM** if you open the file in Excel, so Japanese text displays correctly." },
    ],
  },
  {
    key: "offline",
    by: "kenji",
    category: "ideas",
    views: 61,
    ago: 60 * 8,
    title: "スマートフォンアプリでもオフラインで閲覧できるようにしてほしい",
    tags: ["アプリ", "要望"],
    body: "通勤中の電車の中で過去の回答を読み返すことが多いのですが、地下に入ると読み込めなくなります。ブックマークしたトピックだけでもオフラインで読めると助かります。",
    replies: [
      { by: "ichiro", ago: 60 * 7, body: "+1 です。同じく電車の中でよく使うので、ぜひ実現してほしいです。" },
      { by: "emily", ago: 60 * 5, body: "Same here — even read-only offline access for bookmarked topics would be a big help." },
      { by: "hanako", ago: 12, body: "ご要望ありがとうございます。開発チームと共有しました。進捗があればこのトピックでお知らせします。" },
    ],
  },
  {
    key: "hello",
    by: "qa_dept_manufacturing_team01",
    category: "general",
    views: 35,
    ago: 60 * 48,
    title: "はじめまして。製造業で品質管理を担当しています",
    tags: ["自己紹介"],
    body: "先月から社内の不具合管理に使い始めました。まだ分からないことだらけですが、よろしくお願いします。",
    replies: [{ by: "hanako", ago: 60 * 47, body: "ようこそ！分からないことがあれば、いつでも気軽に質問してくださいね。" }],
  },
  {
    key: "twofactor",
    by: "emily",
    category: "settings",
    views: 9,
    ago: 40,
    title: "Two-factor authentication with a hardware security key?",
    tags: ["security"],
    body: "Does the login support WebAuthn / FIDO2 hardware keys, or only authenticator apps?",
    replies: [],
  },
  {
    key: "permissions",
    by: "ichiro",
    category: "general",
    views: 57,
    ago: 60 * 6,
    title: "社内の複数部署でアカウントを共有している場合の権限設定とユーザー管理のベストプラクティスについて教えてください",
    tags: ["権限", "運用"],
    body: "営業部・開発部・サポート部の 3 部署で利用しています。部署ごとに見せたいカテゴリが違うのですが、グループとカテゴリの権限をどう組み合わせるのがよいでしょうか。皆さんの運用例を教えていただけると嬉しいです。",
    replies: [{ by: "kenji", ago: 60 * 3, body: "うちでは部署ごとにグループを作って、カテゴリごとに「閲覧のみ」「投稿可」を分けています。" }],
  },
];
