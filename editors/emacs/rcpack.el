;; rcpack lsp for YAML files through eglot (Emacs 29, or eglot from GNU ELPA): add this
;; to your init file. eglot runs one server per mode, so this one takes yaml-language-server's place.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((yaml-mode yaml-ts-mode) . ("rcpack" "lsp"))))
