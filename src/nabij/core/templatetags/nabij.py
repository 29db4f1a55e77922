"""Template helpers: form fields with NL Design System classes and accessible error links."""

from django import forms, template

register = template.Library()

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "nabij-radio-group",
    forms.CheckboxSelectMultiple: "nabij-checkbox-group",
    forms.ClearableFileInput: "nabij-file",
}


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def widget_with_classes(field):
    widget = field.field.widget
    css = next((c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)), None)
    if css is None:
        css = "utrecht-textbox utrecht-textbox--html-input"
    attrs = {"class": f"{css} {widget.attrs.get('class', '')}".strip()}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
        attrs["class"] += " utrecht-textbox--invalid"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.field.required and not isinstance(
        widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)
    ):
        attrs["aria-required"] = "true"
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("components/field.html")
def field(bound_field):
    return {"field": bound_field}
