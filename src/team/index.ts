/** Team features, platform-free: mutes, feedback, per-workspace counts and digests, all on the `Store`. */
export * from './digest.js';
export * from './digest-index.js';
export * from './duration.js';
export * from './feedback.js';
export * from './mute.js';
export * from './purge.js';
export * from './stats.js';
export * from './zone.js';
