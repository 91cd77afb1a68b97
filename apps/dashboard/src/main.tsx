import { render } from 'preact';

render(<p>Attune</p>, document.getElementById('app')!);
