//! `#[command]`: a Tauri command that also describes itself — its name, the arguments the
//! UI sends, its reply and its doc comment — so that the UI's typed wrappers are generated
//! from the function itself (see the app's `ipc` module and `tests/bindings.rs`).
//!
//! It expands to the function under `#[tauri::command]` and, beside it, an empty struct of
//! the same name (structs live in the type namespace, functions in the value namespace)
//! that implements `crate::ipc::Command`; the app's one list of commands names each once
//! and gets both the invoke handler and the descriptions from it.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::spanned::Spanned;
use syn::{
    parse_macro_input, Error, Expr, FnArg, GenericArgument, ItemFn, Lit, Meta, Pat, PathArguments,
    ReturnType, Type,
};

/// Arguments Tauri fills in itself; the UI never sends them.
const INJECTED: [&str; 6] = [
    "State",
    "AppHandle",
    "Window",
    "WebviewWindow",
    "Webview",
    "Request",
];

#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        return Error::new(
            Tokens::from(attr).span(),
            "#[command] takes no arguments: the UI sends arguments in camelCase",
        )
        .to_compile_error()
        .into();
    }
    let function = parse_macro_input!(item as ItemFn);
    match describe(&function) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn describe(function: &ItemFn) -> syn::Result<Tokens> {
    let name = &function.sig.ident;
    let vis = &function.vis;
    let command = name.to_string();

    let mut args = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(arg) = input else {
            return Err(Error::new(input.span(), "a command cannot take self"));
        };
        if last_segment(&arg.ty).is_some_and(|s| INJECTED.contains(&s.as_str())) {
            continue;
        }
        let Pat::Ident(binding) = &*arg.pat else {
            return Err(Error::new(
                arg.pat.span(),
                "name this argument: the UI sends it by name",
            ));
        };
        // Tauri reads arguments under their camelCase names by default.
        let key = camel_case(&binding.ident.to_string());
        let ty = &arg.ty;
        let ts = match type_argument(ty, "Channel") {
            Some(message) => quote! { format!("Channel<{}>", types.name::<#message>()) },
            None => quote! { types.name::<#ty>() },
        };
        args.push(quote! { (#key, #ts) });
    }

    let reply: Type = match &function.sig.output {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, ty) => type_argument(ty, "Result")
            .or_else(|| type_argument(ty, "Reply"))
            .cloned()
            .unwrap_or_else(|| (**ty).clone()),
    };
    let docs = doc_comment(function);

    Ok(quote! {
        #[tauri::command]
        #function

        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #name {}

        impl crate::ipc::Command for #name {
            fn signature(types: &mut crate::ipc::Types) -> crate::ipc::Signature {
                crate::ipc::Signature {
                    name: #command,
                    docs: #docs,
                    args: vec![#(#args),*],
                    reply: types.name::<#reply>(),
                }
            }
        }
    })
}

fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(reference) => last_segment(&reference.elem),
        _ => None,
    }
}

/// `T` in `Wrapper<T, …>` when the type's last path segment is `wrapper`.
fn type_argument<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last()?;
    if segment.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(generics) = &segment.arguments else {
        return None;
    };
    generics.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The function's `///` lines, joined, for the wrapper's JSDoc.
fn doc_comment(function: &ItemFn) -> String {
    let lines: Vec<String> = function
        .attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                Expr::Lit(lit) => match &lit.lit {
                    Lit::Str(s) => Some(s.value().trim().to_string()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .collect();
    lines.join("\n").trim().to_string()
}
