import { AnalyticsBrowser } from '@segment/analytics-next';

/**
 * Segment's browser client as a customer site would run it, pointed at Tandem. Settings
 * come inline (`cdnSettings`), so nothing is fetched from Segment's CDN, and its own
 * metrics are off. `?mode=batching` selects the batching delivery strategy.
 */
interface SegmentTestConfig {
  writeKey: string;
  /** host:port/v1 of the Tandem API */
  apiHost: string;
}

const scope = window as unknown as {
  segmentTest: SegmentTestConfig;
  analytics?: unknown;
  analyticsReady?: boolean;
};
const { writeKey, apiHost } = scope.segmentTest;
const batching = new URLSearchParams(location.search).get('mode') === 'batching';

const segmentIo = {
  apiKey: writeKey,
  apiHost,
  protocol: 'http' as const,
  ...(batching
    ? { deliveryStrategy: { strategy: 'batching' as const, config: { size: 3, timeout: 300 } } }
    : {}),
};

const analytics = AnalyticsBrowser.load(
  { writeKey, cdnSettings: { integrations: { 'Segment.io': segmentIo }, metrics: { sampleRate: 0 } } },
  { integrations: { 'Segment.io': segmentIo } },
);
scope.analytics = analytics;
analytics.then(() => {
  scope.analyticsReady = true;
});
