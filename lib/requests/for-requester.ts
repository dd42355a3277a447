// What a developer may see of their own request: everything about the request, nothing about
// staff. Reviewers appear as "A reviewer" (their addresses are not the developer's business), and
// refs to other requests or entries are dropped.

export const REVIEWER_LABEL = "A reviewer";

interface Person {
  id: string;
  email: string;
  role: string;
}

interface DetailShape {
  requesterId: string;
  assignee: { id: string; email: string } | null;
  uris: { flags: { ref?: string }[]; decidedBy: { email: string } | null }[];
  comments: { author: Person }[];
  events: { type: string; detail: string; actor: Person | null }[];
}

export function forRequester<T extends DetailShape>(request: T): T {
  const shown = (person: Person): Person =>
    person.id === request.requesterId ? person : { id: "", email: REVIEWER_LABEL, role: person.role };
  return {
    ...request,
    assignee: null,
    uris: request.uris.map((u) => ({
      ...u,
      flags: u.flags.map(({ ref: _ref, ...flag }) => flag),
      decidedBy: u.decidedBy ? { email: REVIEWER_LABEL } : null,
    })),
    comments: request.comments.map((c) => ({ ...c, author: shown(c.author) })),
    events: request.events.map((e) => ({
      ...e,
      actor: e.actor ? shown(e.actor) : null,
      // "assigned" carries "to <reviewer's email>".
      detail: e.type === "assigned" ? "" : e.detail,
    })),
  };
}
