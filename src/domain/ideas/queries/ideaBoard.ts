import type { Actor } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { type TopicList, listTopics } from "../../content/queries/listTopics.js";
import type { TopicSort } from "../../content/repo.js";
import { type IdeaStatus, isClosedStatus } from "../policy.js";
import { byStatusChanged, byVotes, ideaStatusWhere } from "../repo.js";

/** How a board orders ideas: most votes, newest, or latest activity. */
export const IDEA_SORTS = ["votes", "new", "latest"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

export interface IdeaBoardQuery {
  sort: IdeaSort;
  status?: IdeaStatus;
  /** Only this category (and its sub-categories), already checked to exist. */
  categoryId?: number;
  page?: number;
  perPage?: number;
}

/** A page of ideas the reader may see, across every category of ideas (or one), sorted and filtered by status. */
export async function listIdeas(ctx: Ctx, actor: Actor, q: IdeaBoardQuery): Promise<TopicList> {
  const sort: TopicSort = q.sort === "new" ? "new" : "latest";
  return listTopics(ctx, actor, {
    sort,
    type: "idea",
    categoryId: q.categoryId,
    where: q.status ? ideaStatusWhere([q.status]) : undefined,
    orderBy: q.sort === "votes" ? [byVotes] : undefined,
    page: q.page,
    perPage: q.perPage,
  });
}

/** The roadmap's columns, in the order work moves through them. */
export const ROADMAP_STATUSES: IdeaStatus[] = ["under_review", "planned", "in_progress", "done"];

export interface RoadmapColumn {
  status: IdeaStatus;
  list: TopicList;
}

/** The roadmap: for each status on the way to done, its most-voted ideas the reader may see. */
export async function getRoadmap(ctx: Ctx, actor: Actor, opts: { categoryId?: number; perColumn?: number } = {}): Promise<RoadmapColumn[]> {
  return Promise.all(
    ROADMAP_STATUSES.map(async (status) => ({
      status,
      // Done ideas: the most recently finished first; the others: the most wanted first.
      list: await listTopics(ctx, actor, {
        sort: "latest",
        type: "idea",
        categoryId: opts.categoryId,
        where: ideaStatusWhere([status]),
        orderBy: isClosedStatus(status) ? [byStatusChanged] : [byVotes],
        perPage: opts.perColumn ?? 20,
      }),
    })),
  );
}
