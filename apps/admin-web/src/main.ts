import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

bootstrapApplication(AppComponent, appConfig).catch((err: unknown) => {
  // Without Angular there is nothing to render an error state, so say it in plain DOM; rethrow so
  // the browser still logs the cause for whoever opens the console.
  document.body.textContent = 'Teamframe could not start. Reload the page; if it keeps failing, contact your administrator.';
  throw err;
});
