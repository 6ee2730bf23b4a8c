/**
 * The words of the demo community: members, categories and conversations in Japanese and English,
 * written the way customers of a software product talk. `seed --demo` posts them through the
 * commands; the benchmark seeder recombines them into many more topics.
 */

export interface DemoMember {
  username: string;
  name: string;
  title?: string;
  role?: "admin" | "moderator" | "member";
  staff?: boolean;
  locale: "ja" | "en";
}

export const DEMO_MEMBERS: DemoMember[] = [
  { username: "sato_support", name: "佐藤 美咲", title: "カスタマーサポート", staff: true, role: "moderator", locale: "ja" },
  { username: "emma_cs", name: "Emma Clarke", title: "Customer Success", staff: true, role: "moderator", locale: "en" },
  { username: "tanaka", name: "田中 健一", locale: "ja" },
  { username: "suzuki_h", name: "鈴木 遥", locale: "ja" },
  { username: "takahashi", name: "高橋 翔太", locale: "ja" },
  { username: "ito_yui", name: "伊藤 結衣", locale: "ja" },
  { username: "watanabe", name: "渡辺 大輔", role: "moderator", locale: "ja" },
  { username: "yamamoto", name: "山本 さくら", locale: "ja" },
  { username: "liam_b", name: "Liam Brown", locale: "en" },
  { username: "olivia", name: "Olivia Chen", locale: "en" },
  { username: "noah_dev", name: "Noah Wilson", locale: "en" },
  { username: "sofia_m", name: "Sofia Martins", locale: "en" },
];

export interface DemoCategory {
  slug: string;
  name: { ja: string; en: string };
  description: { ja: string; en: string };
  color: string;
  contentType: "discussion" | "question" | "idea" | "review" | "event" | "article";
}

export interface DemoProduct {
  slug: string;
  name: { ja: string; en: string };
  description: { ja: string; en: string };
}

/** The products the demo's members review. */
export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    slug: "cloud",
    name: { ja: "Hiroba クラウド", en: "Hiroba Cloud" },
    description: { ja: "ブラウザから使える顧客管理とレポートのサービス。", en: "Customer records and reports in the browser." },
  },
  {
    slug: "mobile",
    name: { ja: "Hiroba モバイル", en: "Hiroba Mobile" },
    description: { ja: "外出先から案件と問い合わせを確認できるスマートフォンアプリ。", en: "Deals and support tickets on your phone, on the go." },
  },
];

export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    slug: "getting-started",
    name: { ja: "はじめての方へ", en: "Getting started" },
    description: { ja: "初期設定やアカウントについての質問はこちら。", en: "Setting up, accounts and first steps." },
    color: "#16a34a",
    contentType: "question",
  },
  {
    slug: "troubleshooting",
    name: { ja: "トラブルシューティング", en: "Troubleshooting" },
    description: { ja: "エラーや不具合で困ったときに。", en: "Errors, crashes and things that do not work." },
    color: "#ea580c",
    contentType: "question",
  },
  {
    slug: "integrations",
    name: { ja: "連携・API", en: "Integrations & API" },
    description: { ja: "API、Webhook、外部サービスとの連携について。", en: "The API, webhooks and connecting other services." },
    color: "#7c3aed",
    contentType: "question",
  },
  {
    slug: "feedback",
    name: { ja: "ご意見・ご要望", en: "Feedback" },
    description: { ja: "製品へのご意見をお聞かせください。", en: "Tell us what to build next." },
    color: "#0891b2",
    contentType: "idea",
  },
  {
    slug: "reviews",
    name: { ja: "製品レビュー", en: "Product reviews" },
    description: { ja: "使ってみた感想を星の数とともに。", en: "Rate the products you use and say why." },
    color: "#d97706",
    contentType: "review",
  },
  {
    slug: "events",
    name: { ja: "イベント", en: "Events" },
    description: { ja: "ユーザー会、ウェビナー、勉強会のお知らせと参加登録。", en: "User meetups, webinars and workshops: see what's on and sign up." },
    color: "#db2777",
    contentType: "event",
  },
  {
    slug: "news",
    name: { ja: "ニュース・記事", en: "News & stories" },
    description: { ja: "スタッフによるリリース情報、活用ガイド、お客様の導入事例。", en: "Release news, how-to guides and customer stories from the team." },
    color: "#4f46e5",
    contentType: "article",
  },
];

export interface DemoThread {
  category: string;
  locale: "ja" | "en";
  title: string;
  body: string;
  tags: string[];
  replies: string[];
  /** The reply (by index) the asker accepts as the answer, in question categories. */
  accept?: number;
  /** In idea categories: how many members vote for it, and the status staff set with their response. */
  votes?: number;
  status?: { status: "under_review" | "planned" | "in_progress" | "done" | "declined"; response: string };
  /** In review categories: the product (by slug) and the stars. Replies alternate staff and the reviewer. */
  review?: { product: string; rating: number };
  /**
   * In event categories: the start `inDays` after seeding at `start` (HH:MM) in `zone`, lasting
   * `hours`; a place and/or link, seats, and how many members say they are going.
   */
  event?: { inDays: number; start: string; hours: number; zone: string; place?: string; onlineUrl?: string; capacity?: number; going: number };
  /** In article categories: the kind, the lead, and the two colours of the generated cover. */
  article?: { kind: "blog" | "story" | "announcement"; summary: string; cover: [string, string] };
}

export const DEMO_THREADS: DemoThread[] = [
  {
    category: "getting-started",
    locale: "ja",
    title: "初期設定でメール通知が届きません",
    body: "アカウントを作成して初期設定を終えたのですが、**メール通知**が一通も届きません。\n\n- 迷惑メールフォルダも確認済みです\n- 会社のドメイン（example.co.jp）を使っています\n\n設定で見落としている項目があれば教えてください。",
    tags: ["メール", "設定"],
    accept: 1,
    replies: [
      "同じ問題がありました。会社のメールサーバー側で外部からのメールが隔離されていたのが原因でした。情報システム部門に確認してみてください。",
      "ご不便をおかけしております。サポートの佐藤です。設定画面の「通知」タブで、メール通知が「オン」になっているかご確認いただけますか？初期状態では週1回のまとめ通知のみになっています。",
      "「通知」タブを見たら、まとめ通知だけになっていました。即時通知に変えたら届くようになりました。ありがとうございます！",
    ],
  },
  {
    category: "troubleshooting",
    locale: "ja",
    title: "CSV エクスポートで文字化けする問題",
    body: "レポート画面から CSV をエクスポートして Excel で開くと、日本語の列がすべて文字化けしてしまいます。\n\n```\n顧客名,金額\nç”°ä¸­,12000\n```\n\n回避方法はありますか？",
    tags: ["csv", "文字化け", "excel"],
    accept: 1,
    replies: [
      "Excel は BOM なしの UTF-8 をうまく読めないことがあります。「データ」→「テキストまたは CSV から」で文字コードに UTF-8 を指定して読み込むと正しく表示されますよ。",
      "エクスポート設定に「Excel 向け（BOM 付き）」のオプションが追加されています。設定 → レポート → 出力形式から選べます。",
      "BOM 付きにしたら解決しました。同じ問題で困っている人の参考になれば。",
      "Google スプレッドシートなら最初から問題なく開けるので、そちらを使うのも手です。",
    ],
  },
  {
    category: "integrations",
    locale: "ja",
    title: "Webhook の署名検証がうまくいきません",
    body: "Webhook を受け取るサーバーを Node.js で書いています。ドキュメントの通りに HMAC-SHA256 で署名を計算しているのですが、ヘッダーの値と一致しません。\n\nJSON をパースしてから文字列に戻して計算しているのが問題でしょうか？",
    tags: ["webhook", "api", "nodejs"],
    accept: 0,
    replies: [
      "まさにそれが原因だと思います。署名は受信した生のリクエストボディに対して計算する必要があります。パースして戻すと空白やキーの順序が変わってしまいます。",
      "Express なら `express.raw({ type: 'application/json' })` を使うと生のボディが取れます。",
      "生のボディで計算したら一致しました！助かりました。",
    ],
  },
  {
    category: "feedback",
    locale: "ja",
    title: "ダッシュボードにダークモードがほしい",
    body: "夜に作業することが多いので、ダッシュボードにダークモードがあると嬉しいです。OS の設定に合わせて自動で切り替わるとさらに便利です。",
    tags: ["ui", "要望"],
    votes: 7,
    status: { status: "under_review", response: "多くのご要望をいただいています。配色の検討を始めました。" },
    replies: ["賛成です！目が疲れにくくなるので、ぜひお願いしたいです。", "ご要望ありがとうございます。チームで検討を始めました。進捗はこのトピックでお知らせします。"],
  },
  {
    category: "troubleshooting",
    locale: "ja",
    title: "ログイン後に画面が真っ白になる",
    body: "昨日のアップデート以降、ログインすると画面が真っ白になります。ブラウザは Chrome の最新版です。キャッシュの削除は試しました。",
    tags: ["ログイン", "ブラウザ"],
    replies: [
      "拡張機能を無効にして試してみてください。広告ブロッカーが原因のことがあります。",
      "シークレットウィンドウで開いたら表示されました。拡張機能が原因みたいです。一つずつ無効にして確認してみます。",
    ],
  },
  {
    category: "getting-started",
    locale: "en",
    title: "How do I invite my team to the workspace?",
    body: "We just signed up and I'd like to add five colleagues. I can't find an **Invite** button anywhere on the dashboard. Is this limited to a paid plan?",
    tags: ["team", "accounts"],
    accept: 1,
    replies: [
      "It's under Settings → Members → Invite people. You need to be an owner or admin of the workspace to see it.",
      "Hi! Emma from Customer Success here. Inviting is available on every plan, including the free one. If you still don't see it, check that your role is Owner under Settings → Members.",
      "Found it — my role was Editor. Our owner changed it and now the button shows up. Thanks both!",
    ],
  },
  {
    category: "troubleshooting",
    locale: "en",
    title: "Sync stops after about 10,000 records",
    body: "Our nightly import syncs around 40,000 records. Every night it stops at roughly 10,000 with a `429 Too Many Requests` error in the log.\n\nIs there a documented rate limit, and how should we batch the requests?",
    tags: ["api", "rate-limit", "import"],
    accept: 1,
    replies: [
      "The API allows 600 requests per minute per key. Use the bulk endpoint and send 500 records per request; 40,000 records become 80 requests.",
      "Also respect the `Retry-After` header on a 429 and back off. Our importer sleeps for that many seconds and then resumes.",
      "Switching to the bulk endpoint fixed it. The whole sync now takes under two minutes.",
      "Good to know. Could the docs mention the bulk endpoint on the rate-limit page? I only found it by accident.",
    ],
  },
  {
    category: "integrations",
    locale: "en",
    title: "Connecting to Slack: which scopes are needed?",
    body: "I'm setting up the Slack integration for our support channel. The install screen asks for a long list of scopes. Which ones are actually required just to post new tickets into a channel?",
    tags: ["slack", "integrations"],
    replies: ["For posting only, `chat:write` and `channels:read` are enough. The others are for the two-way sync feature.", "Confirmed, that worked for us with just those two."],
  },
  {
    category: "feedback",
    locale: "en",
    title: "Please add keyboard shortcuts to the inbox",
    body: "Power users on our team go through hundreds of items a day. Shortcuts like `j`/`k` to move, `e` to archive and `r` to reply would save a lot of time.",
    tags: ["ux", "feature-request"],
    votes: 5,
    status: { status: "planned", response: "Planned for next quarter: `j`/`k`, `e` and `r` first, with a `?` cheat sheet." },
    replies: ["+1, Gmail-style shortcuts would be perfect.", "Thanks for the suggestion! This is on our list for next quarter."],
  },
  {
    category: "getting-started",
    locale: "en",
    title: "What's the difference between projects and workspaces?",
    body: "The onboarding guide mentions both and I'm not sure how to organise things. We're a small agency with about 20 clients.",
    tags: ["basics"],
    replies: [
      "A workspace is your company; projects live inside it. For an agency, one workspace with a project per client works well.",
      "We do exactly that, with a naming convention like `Client – Project`. Permissions can be set per project, so clients only see their own.",
    ],
  },
  {
    category: "reviews",
    locale: "ja",
    title: "レポート機能が便利で、チームの会議が短くなりました",
    body: "導入して半年になります。\n\n- 週次レポートが自動で届くので、集計作業がなくなりました\n- ダッシュボードの表示も速いです\n\n強いて言えば、グラフの色をもう少し自由に変えられると嬉しいです。",
    tags: ["レポート"],
    review: { product: "cloud", rating: 5 },
    replies: ["嬉しいお言葉をありがとうございます。グラフの色の設定はご要望として開発チームに共有しました。"],
  },
  {
    category: "reviews",
    locale: "ja",
    title: "オフラインで使えないのが残念",
    body: "営業で地方を回ることが多いのですが、電波の弱い場所ではアプリが開けません。\n\n閲覧だけでもオフラインでできれば星 4 にしたいです。",
    tags: ["モバイル", "オフライン"],
    review: { product: "mobile", rating: 2 },
    replies: [
      "ご不便をおかけしております。オフライン閲覧は次のバージョンで対応予定です。リリースの際はお知らせでご案内します。",
      "ありがとうございます。対応されたら評価を見直します。",
    ],
  },
  {
    category: "reviews",
    locale: "en",
    title: "Solid and fast, with a few rough edges in the API docs",
    body: "We moved our whole support team onto Hiroba Cloud last quarter. Search is fast and the reports are exactly what our managers wanted.\n\nThe API reference could use more examples, which cost us a day during the CRM integration.",
    tags: ["api", "reports"],
    review: { product: "cloud", rating: 4 },
    replies: ["Thanks for the detailed review! We are adding request and response examples to every endpoint in the API reference this month."],
  },
  {
    category: "reviews",
    locale: "en",
    title: "Does the job, but notifications are unreliable",
    body: "The mobile app is handy for checking tickets between meetings. Push notifications, though, sometimes arrive an hour late or not at all on Android.",
    tags: ["mobile", "notifications"],
    review: { product: "mobile", rating: 3 },
    replies: [
      "Sorry about that. Could you check whether battery optimisation is turned off for the app? Android delays notifications for optimised apps. If that does not help, please write to support with your device model.",
      "Turning off battery optimisation helped. Notifications arrive on time now.",
    ],
  },
  {
    category: "events",
    locale: "ja",
    title: "Hiroba ユーザー会 東京 vol.4 — レポート自動化の事例紹介",
    body: "ユーザー会を東京オフィスで開催します！\n\n## 内容\n\n1. 新機能「定期レポート」のデモ（15 分）\n2. ユーザー事例：営業日報を自動化した話（30 分）\n3. 懇親会（軽食あり）\n\n参加費は無料です。定員を超えた場合はキャンセル待ちとなります。",
    tags: ["ユーザー会", "東京"],
    event: { inDays: 12, start: "19:00", hours: 2, zone: "Asia/Tokyo", place: "Hiroba 東京オフィス 8F セミナールーム（渋谷区）", capacity: 30, going: 4 },
    replies: ["楽しみにしています！事例紹介の資料は後で共有されますか？", "はい、発表資料は終了後にこのトピックで共有します。"],
  },
  {
    category: "events",
    locale: "en",
    title: "Webinar: Getting started with the Hiroba API",
    body: "A one-hour live session for developers: authentication with API keys, paging through topics, and posting replies from your own tools. Bring your questions — the last 20 minutes are Q&A.",
    tags: ["api", "webinar"],
    event: { inDays: 5, start: "10:00", hours: 1, zone: "America/New_York", onlineUrl: "https://meet.example.com/hiroba-api-webinar", going: 3 },
    replies: ["Will there be a recording for those of us in Asia?", "Yes, we will post the recording here the day after."],
  },
  {
    category: "news",
    locale: "ja",
    title: "導入事例：株式会社みなと物流が問い合わせ対応を 4 割減らした方法",
    body: "みなと物流さまでは、配送状況の問い合わせが毎日 200 件以上、電話とメールで届いていました。\n\n## 取り組み\n\n1. よくある質問をコミュニティに集約し、回答済みの質問をお客様が検索できるようにしました。\n2. スタッフの回答には「スタッフ」バッジが付くため、公式の回答だとすぐに分かります。\n3. 解決した質問は「解決済み」として一覧に表示されます。\n\n## 結果\n\n導入から 3 か月で、電話とメールの問い合わせは **約 4 割** 減りました。担当の山本さんは「同じ質問に何度も答える時間が、改善の提案に使えるようになった」と話しています。",
    tags: ["導入事例", "サポート"],
    article: { kind: "story", summary: "コミュニティで回答を共有し、電話とメールの問い合わせを 3 か月で約 4 割削減した取り組みを紹介します。", cover: ["#0ea5e9", "#6366f1"] },
    replies: ["検索で過去の回答が見つかるのは本当に助かりますね。うちでも試してみます。", "ありがとうございます！導入の進め方についての記事も近日公開予定です。"],
  },
];

/** Sentences the benchmark seeder combines into many distinct posts (both languages, like the demo). */
export const FILLER = {
  ja: [
    "設定画面から同じ操作を試してみましたが、結果は変わりませんでした。",
    "サポートの方に教えていただいた手順で解決しました。",
    "この問題は最新バージョンで修正されているようです。",
    "API のドキュメントに例が載っていると助かります。",
    "ログを確認したところ、タイムアウトのエラーが出ていました。",
    "管理者権限がないと表示されない項目があるので注意してください。",
    "私の環境では再起動したら直りました。",
    "コミュニティの皆さんのおかげで設定が完了しました。",
    "データの移行にはおよそ一時間かかりました。",
    "通知の頻度を変更する方法を知りたいです。",
  ],
  en: [
    "I tried the same steps from the settings page and got the same result.",
    "The steps support sent me fixed it right away.",
    "This looks like it was fixed in the latest release.",
    "An example in the API documentation would really help here.",
    "The logs show a timeout error right before it fails.",
    "Some options only appear for admins, so check your role first.",
    "Restarting the service solved it in my environment.",
    "Thanks to everyone here, our setup is finally complete.",
    "Migrating our data took about an hour in total.",
    "Is there a way to change how often notifications are sent?",
  ],
} as const;
