import { StudiesPage } from './pages/studies-page';
import { StudyPage } from './pages/study-page';
import { ThemeToggle } from './components/theme-toggle';
import { hrefOf, useRoute } from './router';

/** The page frame: the header (where sign-in will live once the coordinator has authentication) and the routed page. */
export function App() {
  const route = useRoute();
  return (
    <>
      <a class="skip-link" href="#content">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={hrefOf({ page: 'studies' })}>
          Attune
        </a>
        <nav aria-label="Main">
          <a href={hrefOf({ page: 'studies' })} aria-current={route.page === 'studies' ? 'page' : undefined}>
            Studies
          </a>
          <a href="docs">API</a>
        </nav>
        <span class="spacer" />
        {/* Authentication (issue 12) adds the signed-in project and sign-out here. */}
        <ThemeToggle />
      </header>
      <div id="content">{route.page === 'study' ? <StudyPage key={route.id} id={route.id} /> : <StudiesPage />}</div>
    </>
  );
}
