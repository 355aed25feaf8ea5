export * from './address-policy.js';
export * from './delivery-policy.js';
export * from './event-filter.js';
export * from './render-email.js';
export * from './signature.js';
export * from './webhook-payload.js';
