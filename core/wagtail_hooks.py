from wagtail import hooks

from .permissions import PermittedDocumentsAdminAPIViewSet, PermittedImagesAdminAPIViewSet


# After Wagtail's own registrations (order 0), so these endpoints replace them.
@hooks.register("construct_admin_api", order=100)
def restrict_admin_api(router):
    router.register_endpoint("documents", PermittedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", PermittedImagesAdminAPIViewSet)
