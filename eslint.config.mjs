// ESLint's flat configuration for the dashboard's browser scripts (`make lint`).
// assets/vendor/ holds third-party bundles (plotly.js, regenerator-runtime) as shipped: not
// ours to restyle. The scripts are classic <script> files Dash loads in name order, so they
// share the page's globals and are checked as "script", not as ES modules.
import js from "@eslint/js";
import globals from "globals";

export default [
    {ignores: ["assets/vendor/**", "node_modules/**", "tests/**", ".venv/**"]},
    js.configs.recommended,
    {
        files: ["assets/**/*.js"],
        languageOptions: {
            ecmaVersion: 2020,
            sourceType: "script",
            globals: {...globals.browser}
        },
        rules: {
            // Dash calls clientside callbacks with every input in order, used or not.
            "no-unused-vars": ["error", {args: "none"}],
            "eqeqeq": ["error", "always"],
            "no-implicit-globals": "error",
            "no-var": "off",
            "strict": "off"
        }
    }
];
