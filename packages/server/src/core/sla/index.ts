export * from './business-calendar.js';
export * from './business-time.js';
export * from './open-ranges.js';
export * from './sla-clock.js';
export { msPerDay, msPerMinute, type OffsetSegment, ZoneOffsets, zoneOffsets } from './zone-offsets.js';
