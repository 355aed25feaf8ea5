/** What the goals page keeps in the address: the goal whose plan is open. */
export interface GoalsSearch {
  goal?: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseGoalsSearch(search: Record<string, unknown>): GoalsSearch {
  return typeof search.goal === 'string' && uuid.test(search.goal) ? { goal: search.goal } : {};
}
