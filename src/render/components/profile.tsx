import type { Profile } from "../../domain/accounts/queries/getProfile.js";
import { showsAsStaff } from "../../domain/accounts/types.js";
import { useUi } from "../ui.js";
import { Avatar, StaffBadge } from "./common.js";
import { TopicRows } from "./topics.js";

/** A member's public profile: who they are, since when, how much they wrote, and their newest topics. */
export function ProfileView({ profile, isSelf }: { profile: Profile; isSelf: boolean }) {
  const { t, fmt } = useUi();
  const display = profile.name || profile.username;
  return (
    <div class="profile-page">
      <section class="profile-card" aria-labelledby="profile-name">
        <Avatar user={profile} size={96} />
        <div class="profile-main">
          <h1 id="profile-name">
            {display}
            {showsAsStaff(profile) ? <StaffBadge /> : null}
          </h1>
          <p class="profile-handle">
            @{profile.username}
            {profile.title ? <span class="user-title">{profile.title}</span> : null}
          </p>
          {profile.bioHtml ? (
            // Cooked like a post: Markdown with raw HTML off, then the sanitizer's allow-list.
            <div class="profile-bio cooked" dangerouslySetInnerHTML={{ __html: profile.bioHtml }} />
          ) : null}
          <dl class="profile-stats">
            <div>
              <dt>{t("profile:joined")}</dt>
              <dd>
                <time datetime={profile.createdAt.toISOString()}>{fmt.date(profile.createdAt)}</time>
              </dd>
            </div>
            <div>
              <dt>{t("profile:topics")}</dt>
              <dd>{fmt.number(profile.topicCount)}</dd>
            </div>
            <div>
              <dt>{t("profile:posts")}</dt>
              <dd>{fmt.number(profile.postCount)}</dd>
            </div>
          </dl>
          {isSelf ? (
            <p class="profile-actions">
              <a class="button button-small" href="/settings">
                {t("profile:edit")}
              </a>
            </p>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="profile-topics">
        <h2 id="profile-topics">{t("profile:recentTopics")}</h2>
        <TopicRows topics={profile.recentTopics} empty={t("profile:noTopics", { name: display })} />
      </section>
    </div>
  );
}
