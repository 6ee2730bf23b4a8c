import type { PostDetail } from "../../domain/content/queries/getPost.js";
import { useUi } from "../ui.js";
import { Csrf, Field, FormError } from "./common.js";
import { AttachField } from "./media.js";
import { topicTypeUi } from "./types/registry.js";

/** What the edit form holds: the stored text at first, the user's own input after a rejected save. */
export interface PostEditFormState {
  title: string;
  body: string;
  tags: string;
  revision: string;
  /** The content type's own fields of the first post (`article.kind`…), when they stay editable. */
  typeValues?: Record<string, string>;
}

/**
 * The edit page's form. The first post also edits its topic's title and tags. The revision the
 * user started from travels along, so a concurrent edit is detected instead of silently lost.
 */
export function PostEditForm({ detail, form, fields, error }: { detail: PostDetail; form: PostEditFormState; fields: Record<string, string>; error?: string }) {
  const { t } = useUi();
  const { post, topic } = detail;
  const first = post.postNumber === 1;
  const TypeFields = first && form.typeValues ? topicTypeUi(topic.type).Fields : undefined;
  return (
    <section class="form-page post-edit">
      <h1>{t(first ? "content:edit.titleFirst" : "content:edit.title")}</h1>
      <p class="page-lead">
        <a href={post.url}>{t("content:edit.inTopic", { title: topic.title })}</a>
      </p>
      <FormError message={error} />
      <form method="post" action={`/p/${post.id}/edit`} class="stacked-form" data-composer enctype="multipart/form-data">
        <Csrf />
        <input type="hidden" name="revision" value={form.revision} />
        {first ? <Field name="title" label={t("content:edit.topicTitle")} value={form.title} error={fields.title} required maxLength={200} /> : null}
        <Field name="body" label={t("content:edit.body")} value={form.body} error={fields.body} required multiline rows={14} maxLength={32000} hint={t("composer.markdownHint")} />
        <AttachField error={fields.files} />
        {first ? <Field name="tags" label={t("content:edit.tags")} value={form.tags} error={fields.tags ?? fields["tags.0"]} hint={t("content:edit.tagsHint")} /> : null}
        {TypeFields ? <TypeFields form={{ values: form.typeValues ?? {}, errors: fields }} /> : null}
        <p class="field-hint">
          {t("content:edit.revisionNote", { revision: form.revision })}
          {post.revision > 1 ? (
            <>
              {" "}
              <a href={`/p/${post.id}/revisions`}>{t("content:post.history")}</a>
            </>
          ) : null}
        </p>
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t("content:edit.submit")}
          </button>
          <a href={post.url}>{t("content:edit.cancel")}</a>
        </div>
      </form>
    </section>
  );
}
