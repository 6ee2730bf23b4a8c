import type { Role } from "../actor.js";

/** What anyone who may see a user's content may know about them. */
export interface UserSummary {
  id: number;
  username: string;
  name: string;
  title: string;
  role: Role;
  staff: boolean;
}

export interface User extends UserSummary {
  email: string;
  bio: string;
  locale: string | null;
  theme: string | null;
  emailVerified: boolean;
  suspendedUntil: Date | null;
  postCount: number;
  topicCount: number;
  createdAt: Date;
  lastSeenAt: Date | null;
}

/** Staff is shown with a badge: employees, and every admin. */
export const showsAsStaff = (u: Pick<UserSummary, "role" | "staff">): boolean => u.staff || u.role === "admin";
