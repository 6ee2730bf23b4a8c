import type { HirobaMigration } from "../migrate.js";
import { core } from "./20261124_0001_core.js";
import { userTokenEmail } from "./20261124_0100_user_token_email.js";
import { content0200 } from "./20261124_0200_content.js";
import { searchText } from "./20261124_0300_search_text.js";
import { admin } from "./20261124_0400_admin.js";
import { contentTypes } from "./20261124_0700_content_types.js";
import { notificationKinds } from "./20261124_0701_notification_kinds.js";
import { questions } from "./20261205_0800_questions.js";
import { ideas } from "./20261206_0900_ideas.js";
import { reviews } from "./20261206_1000_reviews.js";
import { polls } from "./20261206_1100_polls.js";
import { events } from "./20261207_1200_events.js";
import { media } from "./20261207_1300_media.js";
import { articles } from "./20261207_1400_articles.js";
import { surveys } from "./20261207_1500_surveys.js";
import { postExtensionKeys } from "./20261207_1600_post_extension_keys.js";

/** Every migration, oldest first. Landed migrations are never edited; add a new one instead. */
export const migrations: HirobaMigration[] = [core, userTokenEmail, content0200, searchText, admin, contentTypes, notificationKinds, questions, ideas, reviews, polls, events, media, articles, surveys, postExtensionKeys];
