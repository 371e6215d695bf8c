/** The web page's script and style, inlined into the command-line bundle at build time. */
import { pageScript, pageStyle } from 'virtual:otel-bootstrap-ui-page';
import type { PageAssets } from './render-page';

/** The bundled page. */
export const PAGE_ASSETS: PageAssets = { script: pageScript, style: pageStyle };
