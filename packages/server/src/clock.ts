/** Time as a dependency: production uses the system clock, tests pass their own. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
