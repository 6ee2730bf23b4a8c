import type { FastifyInstance } from "fastify";
import type { ComponentChild } from "preact";
import type { Ctx } from "../domain/ctx.js";

/**
 * Named extension points. Plugins (and core areas) register here instead of patching code:
 * - filters transform a value on its way through a command or renderer (`post.beforeCreate`);
 * - slots add markup at named places in every theme (`topic.header`).
 * Events are subscribed through the job registry (`JobRegistry.on`), so they run after commit.
 * Extend the maps below by declaration merging when adding a hook; docs/plugins.md lists them.
 */
export interface FilterMap {
  /** Before a topic is created: may change the title, body or tags. */
  "topic.beforeCreate": { title: string; body: string; tags: string[]; categoryId: number; userId: number };
  /** Before a reply is created: may change the body. */
  "post.beforeCreate": { body: string; topicId: number; userId: number };
  /** After Markdown is cooked: may change the sanitized HTML (returning safe HTML is the plugin's duty). */
  "post.cooked": { html: string };
}

export interface SlotMap {
  "layout.head": Record<string, never>;
  "layout.footer": Record<string, never>;
  "topic.header": { topicId: number };
  "post.after": { postId: number };
}

type FilterFn<K extends keyof FilterMap> = (value: FilterMap[K]) => FilterMap[K] | Promise<FilterMap[K]>;
/** What a slot may use to render: translations and who is reading. */
export interface SlotUi {
  t: (key: string, params?: Record<string, unknown>) => string;
  locale: string;
  viewer: { id: number; username: string } | null;
}
type SlotFn<K extends keyof SlotMap> = (props: SlotMap[K], ui: SlotUi) => ComponentChild;
/** Slot rendering bound to one page render (what themes call). */
export interface SlotRenderer {
  renderSlot<K extends keyof SlotMap>(name: K, props: SlotMap[K]): ComponentChild[];
}
/** Registers extra HTTP routes (pages or API) on the server. */
export type RouteRegistrar = (app: FastifyInstance, ctx: Ctx) => void | Promise<void>;

export class Hooks {
  private readonly filters = new Map<string, FilterFn<never>[]>();
  private readonly slots = new Map<string, SlotFn<never>[]>();
  private readonly registrars: RouteRegistrar[] = [];

  /** Adds a filter; filters run in registration order. */
  filter<K extends keyof FilterMap>(name: K, fn: FilterFn<K>): void {
    this.filters.set(name, [...(this.filters.get(name) ?? []), fn as unknown as FilterFn<never>]);
  }

  /** Passes `value` through every filter registered for `name`. */
  async apply<K extends keyof FilterMap>(name: K, value: FilterMap[K]): Promise<FilterMap[K]> {
    const fns = this.filters.get(name) as unknown as FilterFn<K>[] | undefined;
    if (!fns) return value;
    let v = value;
    for (const fn of fns) v = await fn(v);
    return v;
  }

  /** Adds markup to a slot. */
  slot<K extends keyof SlotMap>(name: K, fn: SlotFn<K>): void {
    this.slots.set(name, [...(this.slots.get(name) ?? []), fn as unknown as SlotFn<never>]);
  }

  /** Renders everything registered for a slot (an empty array when nothing is). */
  renderSlot<K extends keyof SlotMap>(name: K, props: SlotMap[K], ui: SlotUi): ComponentChild[] {
    const fns = this.slots.get(name) as unknown as SlotFn<K>[] | undefined;
    return fns ? fns.map((fn) => fn(props, ui)) : [];
  }

  /** Adds routes; the server registers them after core routes (see http/server.ts). */
  route(register: RouteRegistrar): void {
    this.registrars.push(register);
  }

  routes(): readonly RouteRegistrar[] {
    return this.registrars;
  }
}
