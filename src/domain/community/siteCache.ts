import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Bus } from "../../infra/bus.js";
import { RankedPages } from "../search/rankedPages.js";
import { loadCategories, loadGroups, loadSettings } from "./repo.js";
import type { BuiltinGroup, Category, Group, SiteSettings } from "./types.js";

const CHANNEL = "cache.invalidate";
type Part = "settings" | "categories" | "groups" | "pages" | "search";

/**
 * Settings, categories (with their permissions) and groups change rarely and are read on every
 * page, so each process keeps them in memory. A command that changes one calls `invalidate`
 * after commit; the bus tells every other process to reload too.
 */
export class SiteCache {
  private settingsP: Promise<SiteSettings> | null = null;
  private categoriesP: Promise<CategoryIndex> | null = null;
  private groupsP: Promise<GroupIndex> | null = null;
  /**
   * Moves on whenever anything may have changed what a page shows (see `invalidate("pages")`);
   * pages cached for anonymous readers remember the generation they were rendered at.
   */
  pageGeneration = 0;
  /** Moves on whenever the search index changes (see `invalidate("search")`); ranked pages remember theirs. */
  searchGeneration = 0;
  /** Search pages ranked at the current search generation. */
  readonly rankedPages = new RankedPages();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly bus: Bus,
  ) {
    bus.subscribe(CHANNEL, (part) => this.drop(part as Part));
  }

  settings(): Promise<SiteSettings> {
    return (this.settingsP ??= loadSettings(this.db).catch((e) => this.fail("settings", e)));
  }

  categories(): Promise<CategoryIndex> {
    return (this.categoriesP ??= loadCategories(this.db)
      .then((list) => new CategoryIndex(list))
      .catch((e) => this.fail("categories", e)));
  }

  groups(): Promise<GroupIndex> {
    return (this.groupsP ??= loadGroups(this.db)
      .then((list) => new GroupIndex(list))
      .catch((e) => this.fail("groups", e)));
  }

  /** Forgets a part here and in every other process. */
  invalidate(part: Part): void {
    this.drop(part);
    this.bus.publish(CHANNEL, part);
  }

  private drop(part: Part): void {
    if (part === "search") {
      this.searchGeneration++;
      this.rankedPages.clear();
      return;
    }
    if (part === "settings") this.settingsP = null;
    if (part === "categories") this.categoriesP = null;
    if (part === "groups") this.groupsP = null;
    // Every part a page shows retires the pages rendered with it.
    this.pageGeneration++;
  }

  private fail(part: Part, e: unknown): never {
    this.drop(part);
    throw e;
  }
}

export class CategoryIndex {
  readonly byId = new Map<number, Category>();
  readonly bySlug = new Map<string, Category>();
  /** Memoised readable-id lists per permission signature (see policy.readableCategoryIds). */
  readonly readableMemo = new Map<string, number[]>();

  constructor(readonly list: Category[]) {
    for (const c of list) {
      this.byId.set(c.id, c);
      this.bySlug.set(c.slug, c);
    }
  }

  children(id: number): Category[] {
    return this.list.filter((c) => c.parentId === id);
  }

  roots(): Category[] {
    return this.list.filter((c) => c.parentId === null);
  }
}

export class GroupIndex {
  readonly byId = new Map<number, Group>();
  readonly builtin = {} as Record<BuiltinGroup, number>;

  constructor(readonly list: Group[]) {
    for (const g of list) {
      this.byId.set(g.id, g);
      if (g.key) this.builtin[g.key] = g.id;
    }
  }

  custom(): Group[] {
    return this.list.filter((g) => g.key === null);
  }
}
