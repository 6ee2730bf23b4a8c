/**
 * Events the accounts area emits (other areas may subscribe: welcome points, analytics) and the
 * job kinds it enqueues directly. Mail is only ever sent by these jobs, after the change committed.
 */
export const AccountEvents = {
  /** A visitor created an account: `{ userId }`. */
  signedUp: "user.signedUp",
  /** A member proved they own their address (link or password reset): `{ userId }`. */
  emailVerified: "user.emailVerified",
} as const;

export const AccountJobs = {
  /** `{ userId, email }`: issue a verification token for that address and mail the link. */
  sendVerification: "accounts.sendVerification",
  /** `{ email }`: if an account has that address, issue a password-reset token and mail the link. */
  sendPasswordReset: "accounts.sendPasswordReset",
  /** `{ userId, oldEmail, newEmail }`: tell the previous address that the address changed. */
  sendEmailChanged: "accounts.sendEmailChanged",
} as const;
