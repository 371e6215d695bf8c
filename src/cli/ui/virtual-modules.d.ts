/** Provided by the build (tsup.config.ts): the page bundle as text. */
declare module 'virtual:otel-bootstrap-ui-page' {
  export const pageScript: string;
  export const pageStyle: string;
}
