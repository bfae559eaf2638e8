import './styles.css';
import { WidgetApp } from './app';
import { resolveHostOrigin } from './host-origin';

// Entry of /widget/app/index.html?key=…&lang=…&origin=…, opened by the loader inside its iframe.
const params = new URLSearchParams(location.search);
const widgetKey = params.get('key');
if (widgetKey) {
  new WidgetApp({
    widgetKey,
    hostOrigin: resolveHostOrigin(params.get('origin'), location.ancestorOrigins?.[0]),
    language: params.get('lang'),
  }).start();
}
